// K&R style declaration without a prototype, next to prototyped ones.
int legacy_entry();
int modern_entry(void);
long legacy_sum();
