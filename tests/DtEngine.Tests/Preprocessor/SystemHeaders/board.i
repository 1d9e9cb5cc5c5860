# 0 "board.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "board.dts"


# 1 "sys/clock.h" 1 3 4


# 1 "sys/clock-ids.h" 1 3 4
# 4 "sys/clock.h" 2 3 4
# 4 "board.dts" 2
# 1 "user/quiet.h" 1


       
# 4 "user/quiet.h" 3
# 1 "user/quiet-values.h" 1 3
# 5 "user/quiet.h" 2 3
# 5 "board.dts" 2
# 1 "inc/soc/pins.h" 1
# 6 "board.dts" 2
# 1 "inc/soc/soc.dtsi" 1

# 1 "inc/soc/pins.h" 1
# 3 "inc/soc/soc.dtsi" 2
# 1 "inc/soc/soc-extra.dtsi" 1
# 4 "inc/soc/soc.dtsi" 2
# 7 "board.dts" 2

/ {
 clocks = <1 4 5>;
 rate = <((3) * 1000)>;
};
