// Fixture: a Fastify service (SSRF, command injection). Exercises fastify.get with (request, reply), got, and
// child_process.exec through util.promisify; the safe handler uses execFile with an argument list.
// Right answer: two findings (fetch, convert); lookup is safe.
const fastify = require("fastify")({ logger: true });
const got = require("got");
const util = require("util");
const cp = require("child_process");

const execAsync = util.promisify(cp.exec);
const execFileAsync = util.promisify(cp.execFile);

fastify.get("/fetch", async (request, reply) => {
  const body = await got(request.query.url).text(); // want: ssrf
  return { length: body.length };
});

fastify.post("/convert", async (request, reply) => {
  const { name } = request.body;
  const { stdout } = await execAsync(`convert /tmp/in.png /tmp/${name}.jpg`); // want: command-injection
  return { stdout };
});

fastify.get("/lookup", async (request, reply) => {
  const { stdout } = await execFileAsync("dig", ["+short", request.query.domain]); // safe: no shell, fixed program
  return { stdout };
});

fastify.listen({ port: 3000 });
