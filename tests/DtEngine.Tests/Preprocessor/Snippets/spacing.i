# 0 "Snippets/spacing.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/spacing.dts"
# 9 "Snippets/spacing.dts"
x = - - 1, - - 1, + + 1, x, node@12, NAME1@0x10;
y = a b c d, <&label>, #address-cells;

 # define not_a_directive 1
 # size-cells
#address-cells = <1>;
 #size-cells = <0>;
# 5 "not-a-marker.dts"
