# 0 "Snippets/recursion.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/recursion.dts"







p = <foo + 1>, <a>, <b>, <2 * f(2)>, <3 * f(3)>, <1 AFTER(2)>;
