# Shared by vip-up, vip-down and vip-status (sourced, not run). POSIX sh.

# usage_error NAME SYNOPSIS: print the synopsis and exit 2.
usage_error() {
    echo "usage: $1 $2" >&2
    exit 2
}

# require_interface SCRIPT IFACE: exit 3 unless the interface exists.
require_interface() {
    if ! ip link show dev "$2" >/dev/null 2>&1; then
        echo "$1: no network interface '$2'" >&2
        exit 3
    fi
}

# vip_held ADDR IFACE: true when ADDR (without prefix) is assigned to IFACE.
# Compares the address field exactly (no regular expression), IPv4 or IPv6 in the form `ip` prints.
vip_held() {
    ip -o addr show dev "$2" | awk -v wanted="$1" '
        { split($4, parts, "/"); if (parts[1] == wanted) found = 1 }
        END { exit found ? 0 : 1 }'
}

# vip_address SCRIPT CIDR: set $vip_address to the address part of ADDR/PREFIX (no subshell: vip-up runs on every
# failover); exit 2 when the prefix is missing.
vip_address() {
    # shellcheck disable=SC2034 # read by the script that sources this file
    case $2 in
        ?*/?*) vip_address=${2%/*} ;;
        *) usage_error "$1" "ADDR/PREFIX IFACE (prefix missing in '$2')" ;;
    esac
}
