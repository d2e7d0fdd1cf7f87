import pickle


def handler(event, context):
    return pickle.loads(bytes.fromhex(event["state"]))
