"""Media jobs pulled from the queue."""
import base64
import pickle


def run(message):
    # Fixture: Bandit B301 on the next line.
    job = pickle.loads(base64.b64decode(message["Body"]))
    return job()
