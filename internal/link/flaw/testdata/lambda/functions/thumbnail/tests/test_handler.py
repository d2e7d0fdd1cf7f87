import subprocess


def test_convert_installed():
    subprocess.call("convert -version", shell=True)
