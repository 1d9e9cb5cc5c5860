#pragma once
/* Pin multiplexing in the style of several SoC vendors: char literals, pasting, nested macros. */
#define PIN_NO(port, line)	(((port) - 'A') * 16 + (line))
#define PINMUX(port, line, mode)	((PIN_NO(port, line) << 8) | (mode))
#define AF(n)	((n) + 1)
#define ANALOG	0x11

#define SOC_PIN(bank, pin)	SOC_ ## bank ## _ ## pin
#define SOC_GPIO0_4		0x0010 0x0400
#define SOC_GPIO1_7		0x0024 0x0700

#define CLK_ID(block, n)	((CLK_BASE_ ## block) + (n))
#define CLK_BASE_PERIPH		100
#define CLK_BASE_CORE		0

#define STRINGIFY(x)	#x
#define EXPAND_STRING(x)	STRINGIFY(x)
#define CELLS(...)	__VA_ARGS__
#define FIRST_OR_ZERO(a, ...)	a, ## __VA_ARGS__
#define NAMED_VA(args...)	args

#define MULTI_LINE(a, b) \
	((a) + \
	 (b))
