// Fixture: a Next.js App Router webhook tester (SSRF) with a dynamic segment. Exercises a handler exported as
// a const arrow function and the JSON body destructured.
// Right answer: one SSRF; the route is "POST /api/hooks".
import { NextResponse } from "next/server";

export const POST = async (request: Request) => {
  const { callbackUrl, event } = await request.json();
  const r = await fetch(callbackUrl, { method: "POST", body: JSON.stringify({ event }) }); // want: ssrf
  return NextResponse.json({ delivered: r.ok });
};
