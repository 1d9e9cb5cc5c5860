board.o: board.dts sys/clock.h sys/clock-ids.h user/quiet.h \
 user/quiet-values.h inc/soc/pins.h inc/soc/soc.dtsi inc/soc/pins.h \
 inc/soc/soc-extra.dtsi
