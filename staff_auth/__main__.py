"""python -m staff_auth hash-password: print a STAFF_PASSWORD_HASH for a password typed twice."""

import getpass
import sys

from .passwords import hash_password

MIN_LENGTH = 12


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv != ["hash-password"]:
        print("usage: python -m staff_auth hash-password", file=sys.stderr)
        return 2
    password = getpass.getpass("Staff password: ")
    if len(password) < MIN_LENGTH:
        print(
            f"Use at least {MIN_LENGTH} characters (a few random words work well).", file=sys.stderr
        )
        return 1
    if getpass.getpass("Again: ") != password:
        print("The two passwords differ; nothing printed.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main())
