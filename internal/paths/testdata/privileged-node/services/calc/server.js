// Calculator service: evaluates the arithmetic expressions the reporting UI sends.
const express = require("express");

const app = express();

app.get("/calc", (req, res) => {
  const expr = req.query.expr;
  const result = eval(expr);
  res.json({ result });
});

app.listen(3000);
