#!/usr/bin/env python3
"""Signature V4 reference vectors for DistSwiftObjectStore's signer, computed with botocore (the AWS SDK for
Python's signer) at a fixed time. Writes Tests/reference/sigv4_vectors.json, which SigV4SignerTests reads;
rerun after changing the cases: python3 Tests/reference/sigv4_reference.py

Each case gives the request as S3Client builds it (method, host, bucket and key *decoded*, query parameters,
extra headers, body, payload signing) so that the Swift test also checks the encoding of keys and queries; the
path is encoded here the way botocore's S3 serializer encodes keys (percent_encode(key, safe='/~')).
"""
import datetime
import json
import os
import sys

import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.utils import percent_encode

WHEN = datetime.datetime(2013, 5, 24, 0, 0, 0)
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

CASES = [
    # AWS's published example (S3 API reference, "Signature Calculations for the Authorization Header", GET
    # Object): its signature is f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41.
    dict(name="aws-doc-get-object-range", method="GET", scheme="https", host="examplebucket.s3.amazonaws.com",
         bucket=None, key="test.txt", query=[], headers={"Range": "bytes=0-9"}, body="", signed=True),
    dict(name="path-style-awkward-key", method="GET", scheme="http", host="127.0.0.1:8333", bucket="das",
         key="a b/c:d+e=f&g.txt", query=[], headers={}, body="", signed=True),
    dict(name="unicode-and-reserved-key", method="GET", scheme="http", host="127.0.0.1:8333", bucket="das",
         key="données/été (1)!*'~_-.npy", query=[], headers={}, body="", signed=True),
    dict(name="list-v2-with-token", method="GET", scheme="http", host="127.0.0.1:8333", bucket="das",
         key="", query=[("list-type", "2"), ("prefix", "a b/c+d/"), ("delimiter", "/"), ("max-keys", "2"),
                        ("continuation-token", "1/a+b=c==")], headers={}, body="", signed=True),
    dict(name="put-signed-payload", method="PUT", scheme="http", host="127.0.0.1:8333", bucket="das",
         key="store/chunk 0001.npy", query=[], headers={"Content-Type": "application/octet-stream"},
         body="Welcome to Amazon S3.", signed=True),
    dict(name="upload-part-unsigned-payload", method="PUT", scheme="https", host="s3.eu-west-1.amazonaws.com",
         bucket="das", key="big/object.bin", query=[("partNumber", "3"), ("uploadId", "abc/def+ghi=")],
         headers={}, body="part three", signed=False, region="eu-west-1"),
    dict(name="create-multipart-empty-query-value", method="POST", scheme="http", host="127.0.0.1:8333",
         bucket="das", key="big/object.bin", query=[("uploads", "")], headers={}, body="", signed=True),
    dict(name="session-token", method="HEAD", scheme="http", host="127.0.0.1:8333", bucket="das",
         key="results/.distswift/journal.jsonl", query=[], headers={}, body="", signed=True,
         token="FQoGZXIvYXdzEJr//////////wEaDOtoken+with/slashes="),
]


def vector(case):
    region = case.get("region", "us-east-1")
    path = "/" + (case["bucket"] + "/" if case["bucket"] else "") + percent_encode(case["key"], safe="/~")
    if case["bucket"] and not case["key"]:
        path = "/" + case["bucket"]
    url = f'{case["scheme"]}://{case["host"]}{path}'
    request = AWSRequest(method=case["method"], url=url, headers=dict(case["headers"]),
                         data=case["body"].encode(), params=dict(case["query"]))
    request.context["client_config"] = Config(s3={"payload_signing_enabled": case["signed"]})
    auth = botocore.auth.S3SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY, case.get("token")), "s3", region)
    # add_auth's steps at a fixed time (add_auth itself reads the clock).
    request.context["timestamp"] = WHEN.strftime(botocore.auth.SIGV4_TIMESTAMP)
    auth._modify_request_before_signing(request)
    canonical = auth.canonical_request(request)
    string_to_sign = auth.string_to_sign(request, canonical)
    auth._inject_signature_to_request(request, auth.signature(string_to_sign, request))
    return dict(case, region=region, query=[list(q) for q in case["query"]],
                amz_date=request.headers["X-Amz-Date"],
                payload_hash=request.headers["X-Amz-Content-SHA256"],
                canonical_request=canonical, string_to_sign=string_to_sign,
                authorization=request.headers["Authorization"])


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4_vectors.json")
    vectors = [vector(c) for c in CASES]
    assert vectors[0]["authorization"].endswith(
        "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), vectors[0]["authorization"]
    doc = dict(generator="Tests/reference/sigv4_reference.py (botocore)", access_key=ACCESS_KEY,
               secret_key=SECRET_KEY, vectors=vectors)
    with open(out, "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(vectors)} vectors to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
