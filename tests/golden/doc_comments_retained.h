// bindgen-flags: -- -fretain-comments-from-system-headers
// With the flag, the system header's doc comments come through.
#include "include/system_doc.h"
