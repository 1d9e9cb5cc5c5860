# 0 "Snippets/stringize-spacing.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/stringize-spacing.dts"
# 10 "Snippets/stringize-spacing.dts"
a = "Cortex-R52 #c0", "x #c", "x -c";
b = "x - c", "x -c0", "x -c0";
c = "x - c", "x -(c)", "-c";
d = "-c", "- c", "- c";
e = "-c0", "-c", "-c";
f = "-cd", "a b", "b c";
gdb-id = "Cortex-R52 #a0"; gdb-id = "Cortex-R52 #b1";





g = y 'c'0x10 'd', "q""q", x "r""r" "r";
