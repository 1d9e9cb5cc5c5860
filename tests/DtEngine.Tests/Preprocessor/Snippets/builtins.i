# 0 "Snippets/builtins.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/builtins.dts"



has_include = <1>;

has_include_false = <1>;



defined = <1>;


more = <1>;




name = "builtins.dts";
# 30 "some/folder/renamed.dtsi"
renamed = "renamed.dtsi", "some/folder/renamed.dtsi";
