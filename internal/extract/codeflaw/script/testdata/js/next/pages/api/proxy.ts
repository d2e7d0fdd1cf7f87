// Fixture: a Next.js pages-router API route that proxies a URL (SSRF). Exercises the default export of a
// file under pages/api, typed req/res, and req.query with an "as string" cast.
// Right answer: one SSRF at the fetch; the route is "ANY /api/proxy".
import type { NextApiRequest, NextApiResponse } from "next";

type Data = { status: number; body: string };

export default async function handler(req: NextApiRequest, res: NextApiResponse<Data>) {
  const target = req.query.target as string;
  const upstream = await fetch(target, { headers: { "user-agent": "acme-proxy" } }); // want: ssrf
  res.status(200).json({ status: upstream.status, body: await upstream.text() });
}
