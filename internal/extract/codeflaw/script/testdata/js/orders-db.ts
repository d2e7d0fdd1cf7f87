// Fixture: a TypeScript Express API over PostgreSQL (pg), knex and Prisma (SQL injection). Exercises typed
// parameters, template literals and concatenation into query text, knex.raw, $queryRawUnsafe, and the safe
// forms: placeholders, the tagged $queryRaw, a lookup table for ORDER BY and a cast to a number.
// Right answer: three SQL injections (status, sorted, search); four safe handlers.
import express, { Request, Response } from "express";
import { Pool } from "pg";
import knexFactory from "knex";
import { PrismaClient } from "@prisma/client";

const app = express();
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const knex = knexFactory({ client: "pg", connection: process.env.DATABASE_URL });
const prisma = new PrismaClient();

const SORT_COLUMNS: Record<string, string> = { newest: "created_at DESC", total: "total_cents DESC" };

interface OrderRow {
  id: number;
  status: string;
}

app.get("/orders", async (req: Request, res: Response) => {
  const status = req.query.status as string;
  const { rows } = await pool.query<OrderRow>(`SELECT id, status FROM orders WHERE status = '${status}'`); // want: sql-injection
  res.json(rows);
});

app.get("/orders/sorted", async (req: Request, res: Response) => {
  const sort = String(req.query.sort ?? "id");
  const rows = await knex.raw("SELECT id, total_cents FROM orders ORDER BY " + sort); // want: sql-injection
  res.json(rows.rows);
});

app.get("/products/search", async (req: Request, res: Response) => {
  const q = req.query.q as string;
  const products = await prisma.$queryRawUnsafe(`SELECT * FROM "Product" WHERE name ILIKE '%${q}%'`); // want: sql-injection
  res.json(products);
});

app.get("/orders/:id", async (req: Request, res: Response) => {
  const { rows } = await pool.query("SELECT * FROM orders WHERE id = $1", [req.params.id]); // safe: a placeholder
  res.json(rows[0] ?? null);
});

app.get("/products/by-name", async (req: Request, res: Response) => {
  const name = req.query.name as string;
  const products = await prisma.$queryRaw`SELECT * FROM "Product" WHERE name = ${name}`; // safe: the tag binds parameters
  res.json(products);
});

app.get("/orders/list", async (req: Request, res: Response) => {
  const column = SORT_COLUMNS[String(req.query.sort)] ?? "created_at DESC";
  const { rows } = await pool.query(`SELECT * FROM orders ORDER BY ${column}`); // safe: the value comes from the table
  res.json(rows);
});

app.get("/orders/page", async (req: Request, res: Response) => {
  const limit = Math.min(parseInt(String(req.query.limit), 10) || 20, 100);
  const { rows } = await pool.query(`SELECT * FROM orders LIMIT ${limit}`); // safe: a number
  res.json(rows);
});

export default app;
