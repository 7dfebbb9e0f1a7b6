# What the test scripts share; each one starts with
#   . "$(dirname "$0")/lib.sh"
# It sets -u and goes to the top of the repository, and sets:
#   NAME       the script's name without .sh (errors, wrap, ...)
#   KB         the kbindgen to test, absolute: $KBINDGEN, default
#              build/kbindgen (a relative path is from the repository's top)
#   D          a temporary directory, removed on exit
#   SANITIZER  an egrep regex matching an ASan or UBSan report
#   ok, bad    count a check that passed / failed and print PASS:/FAIL: it
#   finish     prints `NAME: N passed, M failed` and fails if any failed;
#              the last command of a script, so that it is its exit status
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
NAME=$(basename "$0" .sh)
KB=${KBINDGEN:-build/kbindgen}
case $KB in /*) ;; *) KB=$PWD/$KB ;; esac
D=$(mktemp -d "/tmp/kbindgen-$NAME.XXXXXX") || exit 1
trap 'rm -rf "$D"' EXIT
SANITIZER='ERROR: (Address|Leak)Sanitizer|runtime error:|UndefinedBehaviorSanitizer'
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "PASS: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() {
	echo "$NAME: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
