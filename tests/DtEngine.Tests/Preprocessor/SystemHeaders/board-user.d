board.o: board.dts user/quiet.h inc/soc/pins.h inc/soc/soc.dtsi \
 inc/soc/pins.h inc/soc/soc-extra.dtsi
user/quiet.h:
inc/soc/pins.h:
inc/soc/soc.dtsi:
inc/soc/pins.h:
inc/soc/soc-extra.dtsi:
