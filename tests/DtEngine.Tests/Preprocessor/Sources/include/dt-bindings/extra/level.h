/* Not guarded: included twice on purpose; __INCLUDE_LEVEL__ and __FILE__ differ per inclusion. */
level = <__INCLUDE_LEVEL__>;
