# 0 "board.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "board.dts"

/dts-v1/;

# 1 "board-common.dtsi" 1




# 1 "include/dt-bindings/irq/gic.h" 1




# 1 "include/dt-bindings/irq/types.h" 1
# 6 "include/dt-bindings/irq/gic.h" 2
# 6 "board-common.dtsi" 2
# 1 "include/dt-bindings/soc/pinmux.h" 1
       
# 7 "board-common.dtsi" 2

/ {
 #address-cells = <2>;
 #size-cells = <2>;
 interrupt-parent = <&gic>;

 gic: interrupt-controller@2f000000 {
  compatible = "arm,gic-v3";
  #interrupt-cells = <3>;
  interrupt-controller;
  #address-cells = <0>;
  reg = <0x0 0x2f000000 0 0x10000>;
  interrupts = <1 9 ((((1 << (4)) - 1) << 8) | 4)>;
 };

 soc@0 {
  compatible = "simple-bus";
  #address-cells = <1>;
  #size-cells = <1>;
  ranges = <0 0 0 0x40000000>;

  uart0: serial@1000 {
   compatible = "arm,pl011", "arm,primecell";
   reg = <0x1000 0x1000>;
   interrupts = <0 5 4>;
   status = "disabled";
  };
 };
};
# 5 "board.dts" 2
# 37 "board.dts"
/ {
 model = "viommu-test-board";
 compatible = "viommu,test-board";
 revision = "3", "a \"quoted\\n\" 'c'";
 line = <41>;
# 1 "include/dt-bindings/extra/level.h" 1

level = <1>;
# 43 "board.dts" 2
 clock-ids = <((100) + (3))>, <((0) + (1))>;
 cells = <1 2 3>;
 lists = <9>, <9>, <8>, <4>,<5>;
 sum = <((1) + (2))>;

 negative = <(-1)>, <(-(1 + 1))>;
# 58 "board.dts"
 after-gap = <(1 + 1)>;
 pcie-status = "okay";

 chosen {
  stdout-path = "serial0:115200n8";
 };

 aliases {
  serial0 = &uart0;
 };

 pinctrl {
  uart0_pins: uart0 {
   pinmux = <((((('A') - 'A') * 16 + (9)) << 8) | (((7) + 1)))>,
     <((((('B') - 'A') * 16 + (7)) << 8) | (0x11))>;
   fsl,pins = <0x0010 0x0400 0x1 0x0024 0x0700 0x2>;
  };
 };
};

&uart0 {
 status = "okay";
 pinctrl-0 = <&uart0_pins>;
 interrupts = <0 5 4>, <0 7 (2 | 1)>;
};

/include/ "board-extra.dtsi"
