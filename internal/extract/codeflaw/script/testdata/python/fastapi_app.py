# Fixture: a FastAPI service (path traversal, SSRF, SQL injection). Exercises route parameters as input (str
# query parameters, a Pydantic body), Depends() parameters that are not input, int parameters FastAPI
# validates, a Request object, httpx.AsyncClient in async with, and sqlalchemy.text.
# Right answer: download, test_hook, search and proxy are flawed; read_item and thumbnail are safe.
import os

import httpx
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_db

app = FastAPI()
router = APIRouter(prefix="/api")
BASE_DIR = "/srv/files"


class Hook(BaseModel):
    url: str
    event: str = "ping"


@app.get("/download")
async def download(path: str):
    return FileResponse(os.path.join(BASE_DIR, path))  # want: path-traversal


@app.post("/hooks/test")
async def test_hook(hook: Hook):
    async with httpx.AsyncClient(timeout=5) as client:
        r = await client.post(hook.url, json={"event": hook.event})  # want: ssrf
    return {"status": r.status_code}


@router.get("/search")
def search(q: str, db: Session = Depends(get_db)):
    rows = db.execute(text(f"SELECT id, name FROM items WHERE name LIKE '%{q}%'"))  # want: sql-injection
    return [dict(r._mapping) for r in rows]


@router.get("/items/{item_id}")
def read_item(item_id: int, db: Session = Depends(get_db)):
    row = db.execute(text(f"SELECT * FROM items WHERE id = {item_id}")).first()  # safe: FastAPI made it an int
    return dict(row._mapping) if row else None


@app.get("/thumbnail")
async def thumbnail(name: str):
    return FileResponse(os.path.join(BASE_DIR, "thumbs", os.path.basename(name)))  # safe: basename


@app.get("/proxy")
async def proxy(request: Request):
    target = request.query_params["target"]
    async with httpx.AsyncClient() as client:
        r = await client.get(target)  # want: ssrf
    return r.json()
