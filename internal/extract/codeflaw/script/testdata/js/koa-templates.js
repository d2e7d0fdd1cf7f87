// Fixture: a Koa service that renders customer-editable e-mail templates (template injection). Exercises
// ctx.request.body, ctx.query, ejs/pug/lodash compiling input as template text, and rendering input only as
// data. Right answer: three template injections (preview, layout, greeting); two safe handlers.
const Koa = require("koa");
const Router = require("@koa/router");
const { koaBody } = require("koa-body");
const ejs = require("ejs");
const pug = require("pug");
const _ = require("lodash");
const handlebars = require("handlebars");
const fs = require("fs");

const app = new Koa();
const router = new Router();
const WELCOME = fs.readFileSync(__dirname + "/templates/welcome.hbs", "utf8");

router.post("/templates/preview", koaBody(), async (ctx) => {
  const { template, sample } = ctx.request.body;
  ctx.body = ejs.render(template, sample || {}); // want: template-injection
});

router.get("/templates/layout", async (ctx) => {
  const fn = pug.compile(ctx.query.layout); // want: template-injection
  ctx.body = fn({ title: "Preview" });
});

router.post("/templates/greeting", koaBody(), async (ctx) => {
  const greeting = ctx.request.body.greeting;
  const compiled = _.template(greeting); // want: template-injection
  ctx.body = compiled({ name: "Ada" });
});

router.get("/welcome", async (ctx) => {
  const render = handlebars.compile(WELCOME); // safe: the template is a file shipped with the service
  ctx.body = render({ name: ctx.query.name });
});

router.get("/hello", async (ctx) => {
  ctx.body = ejs.render("<p>Hello <%= name %></p>", { name: ctx.query.name }); // safe: input is only data
});

app.use(router.routes());
app.listen(3000);
