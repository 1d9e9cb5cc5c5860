# 0 "board/cpp-main.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "board/cpp-main.dts"
/dts-v1/;

# 1 "soc/soc.dtsi" 1
/ {
 #address-cells = <1>;
 #size-cells = <1>;

 soc: soc {
  compatible = "simple-bus";
  #address-cells = <1>;
  #size-cells = <1>;
  ranges;
 };
};
# 4 "board/cpp-main.dts" 2

/ {
 model = "annotated";
};

&soc {
 serial@1000 {
  reg = <0x1000 0x100>;
 };
};
