# 0 "Snippets/dollar.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/dollar.dts"




d = 7$B 7 $7 B$(1) 1$7;
