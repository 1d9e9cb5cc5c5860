last = <1>;
#pragma GCC system_header
