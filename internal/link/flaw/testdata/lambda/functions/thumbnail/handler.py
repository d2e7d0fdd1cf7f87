import subprocess


def lambda_handler(event, context):
    key = event["Records"][0]["s3"]["object"]["key"]
    subprocess.call("convert /tmp/" + key + " -resize 128x128 /tmp/thumb.png", shell=True)
    return {"thumbnail": "/tmp/thumb.png"}
