// Fixture: a Next.js App Router route handler serving documentation pages (path traversal). Exercises
// exported GET/POST functions, request.nextUrl.searchParams.get, await request.json(), and a cast to a number.
// Right answer: GET reads any file (path traversal); POST is safe.
import { NextRequest, NextResponse } from "next/server";
import { readFile } from "fs/promises";
import { join } from "path";
import { db } from "@/lib/db";

export async function GET(request: NextRequest) {
  const file = request.nextUrl.searchParams.get("file") ?? "index.md";
  const text = await readFile(join(process.cwd(), "content", file), "utf8"); // want: path-traversal
  return new NextResponse(text, { headers: { "content-type": "text/markdown" } });
}

export async function POST(request: NextRequest) {
  const { page } = await request.json();
  const n = Number(page);
  const rows = await db.query(`SELECT title FROM docs ORDER BY id LIMIT 10 OFFSET ${n * 10}`); // safe: a number
  return NextResponse.json(rows);
}
