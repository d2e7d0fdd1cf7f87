"""Document worker for the webshop.

Customers upload documents (ID scans for age-restricted orders, signed delivery notes) through the api; they
land under uploads/ in the customer-documents S3 bucket. This worker picks them up, records their metadata in
the orders database and moves them under processed/.

Credentials: boto3's default chain. In the cluster it is meant to use IRSA (the worker ServiceAccount is
annotated with the role webshop-prod-worker), but the chain prefers AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY from the environment, which the Dockerfile still sets (see its comment).
"""

import io
import logging
import os
import time

import boto3
import psycopg2
from pypdf import PdfReader

BUCKET = os.environ["DOCUMENTS_BUCKET"]
DATABASE_URL = os.environ["DATABASE_URL"]
POLL_SECONDS = int(os.environ.get("POLL_SECONDS", "30"))

log = logging.getLogger("worker")


def page_count(body: bytes) -> int:
    try:
        return len(PdfReader(io.BytesIO(body)).pages)
    except Exception:  # not a PDF, or a broken one: record it anyway
        return 0


def process(s3, db, key: str) -> None:
    obj = s3.get_object(Bucket=BUCKET, Key=key)
    body = obj["Body"].read()
    customer_id = obj.get("Metadata", {}).get("customer-id")
    with db.cursor() as cur:
        cur.execute(
            "INSERT INTO customer_documents (customer_id, s3_key, size_bytes, pages) VALUES (%s, %s, %s, %s)",
            (customer_id, key, len(body), page_count(body)),
        )
    db.commit()
    dest = "processed/" + key.removeprefix("uploads/")
    s3.copy_object(Bucket=BUCKET, Key=dest, CopySource={"Bucket": BUCKET, "Key": key})
    s3.delete_object(Bucket=BUCKET, Key=key)
    log.info("processed %s -> %s", key, dest)


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    s3 = boto3.client("s3")
    db = psycopg2.connect(DATABASE_URL)
    paginator = s3.get_paginator("list_objects_v2")
    while True:
        for page in paginator.paginate(Bucket=BUCKET, Prefix="uploads/"):
            for item in page.get("Contents", []):
                process(s3, db, item["Key"])
        time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main()
