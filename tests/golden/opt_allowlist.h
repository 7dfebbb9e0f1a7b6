// bindgen-flags: --allowlist-function 'net_.*' --allowlist-type 'net_config' --allowlist-var 'NET_.*'
// Allowlists keep matching items and what they depend on, nothing else.
struct net_addr { unsigned int ip; unsigned short port; };
struct net_config { struct net_addr bind; int backlog; };
struct unrelated { int junk; };
struct net_stats { long sent; };

int net_listen(const struct net_addr *addr);
int other_function(void);
struct net_stats *stats_get(void);

extern int NET_TIMEOUT;
extern int other_var;
#define NET_MAX_CONN 128
#define OTHER_CONST 7
