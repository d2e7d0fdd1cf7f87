// Fixture: a pricing-rules endpoint that evaluates expressions (code injection). Exercises eval with
// concatenation, new Function, vm.runInNewContext, and the safe alternatives (JSON.parse, a constant).
// Right answer: three code injections; two safe handlers.
const express = require("express");
const vm = require("vm");

const app = express();
app.use(express.json());

app.post("/rules/evaluate", (req, res) => {
  const result = eval("(" + req.body.expr + ")"); // want: code-injection
  res.json({ result });
});

app.get("/rules/filter", (req, res) => {
  const predicate = new Function("row", "return " + req.query.filter); // want: code-injection
  res.json(ROWS.filter(predicate));
});

app.post("/rules/sandbox", (req, res) => {
  const sandbox = { price: 100, result: null };
  vm.runInNewContext(req.body.script, sandbox, { timeout: 50 }); // want: code-injection
  res.json(sandbox.result);
});

app.post("/rules/config", (req, res) => {
  const config = JSON.parse(req.body.payload); // safe: JSON.parse does not run code
  res.json(config);
});

app.get("/rules/default", (req, res) => {
  res.json({ value: eval("1 + 1"), q: req.query.q }); // safe: a constant expression
});

const ROWS = [{ price: 10 }, { price: 20 }];
module.exports = app;
