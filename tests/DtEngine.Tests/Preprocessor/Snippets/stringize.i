# 0 "Snippets/stringize.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/stringize.dts"






s1 = "", "spaced out", "\"q\\\"uote\" '\\n'", "a\b", "42", "VAL";
s2 = "42", "42", "42", "12", "<<";


s3 = "VA(a)", "VA(a, b, c)", "a", "x";
s4 = <1 >, <1 : 2 3>, <1>, <1 , 2>;
