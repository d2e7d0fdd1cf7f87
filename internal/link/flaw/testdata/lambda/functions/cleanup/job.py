import os


def handler(event, context):
    os.system("rm -rf /tmp/" + event["prefix"])
