# 0 "Snippets/lines.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/lines.dts"


one = <1 2>;

two = <2>;

three = "ab";




four = <4>;
# 23 "Snippets/lines.dts"
five = <5>;
# 100 "renamed.dts"
six = <100>; seven = "renamed.dts";
