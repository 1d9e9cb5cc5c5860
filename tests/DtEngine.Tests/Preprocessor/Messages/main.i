# 0 "main.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "main.dts"


# 1 "inc1.h" 1


# 1 "inc2.h" 1
# 4 "inc1.h" 2
# 4 "main.dts" 2


# 1 "inc1.h" 1


# 1 "inc2.h" 1
# 4 "inc1.h" 2
# 7 "main.dts" 2
# 1 "sys/sys.h" 1 3 4
# 8 "main.dts" 2

# 1 "last.h" 1
last = <1>;
       
# 2 "last.h" 3
# 10 "main.dts" 2
