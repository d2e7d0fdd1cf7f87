import os


def handler(event, context):
    os.system("find /tmp -name '" + event["pattern"] + "' -delete")
