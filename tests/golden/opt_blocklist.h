// bindgen-flags: --blocklist-type 'secret_.*' --blocklist-function 'internal_.*' --raw-line 'pub struct secret_key { pub bits: [u8; 32] }'
// Blocklisted items are not generated; references to them remain.
struct secret_key { unsigned char bits[32]; };

struct keyring {
    struct secret_key *keys;
    int count;
};

int internal_rotate(struct keyring *k);
int keyring_add(struct keyring *k, const struct secret_key *key);
