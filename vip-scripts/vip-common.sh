# shellcheck shell=sh
# Shared by vip-up, vip-down, vip-status and vip-handover (sourced, not run). POSIX sh.

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

# handover_names ADDR: set $iptables (iptables or ip6tables, by the address family) and $handover_chain, the mangle
# chain vip-handover sets up for ADDR (named after a checksum of the address: an IPv6 address is too long for a chain
# name; the PREROUTING rule that jumps to it shows the address).
handover_names() {
    case $1 in *:*) iptables=ip6tables ;; *) iptables=iptables ;; esac
    handover_chain=BALLAST-HO-$(printf '%s' "$1" | cksum | cut -d ' ' -f 1)
}

# handover_end SCRIPT ADDR: removes vip-handover's forwarding for ADDR (without prefix) if there is any; exit 4 when
# that fails. Nothing to do (and no error) without iptables or without the chain.
handover_end() {
    handover_names "$2"
    command -v "$iptables" >/dev/null 2>&1 || return 0
    "$iptables" -t mangle -n -L "$handover_chain" >/dev/null 2>&1 || return 0
    while "$iptables" -t mangle -D PREROUTING -d "$2" -p tcp -j "$handover_chain" 2>/dev/null; do :; done
    if ! error=$("$iptables" -t mangle -F "$handover_chain" 2>&1 && "$iptables" -t mangle -X "$handover_chain" 2>&1)
    then
        echo "$1: could not remove the handover forwarding of $2 (mangle chain $handover_chain): $error" >&2
        exit 4
    fi
}
