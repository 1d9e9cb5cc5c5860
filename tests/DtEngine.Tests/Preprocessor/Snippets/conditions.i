# 0 "Snippets/conditions.dts"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "Snippets/conditions.dts"


ok1;


ok2;


ok3;





ok4;







ok5;





ok6;



ok7 = <33>;
