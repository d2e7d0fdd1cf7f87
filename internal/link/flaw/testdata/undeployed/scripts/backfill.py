"""One-off backfill run by hand from a laptop. Fixture: no image or function builds this directory."""
import subprocess
import sys


def main(day):
    subprocess.run("psql -c \"CALL backfill('" + day + "')\"", shell=True, check=True)


if __name__ == "__main__":
    main(sys.argv[1])
