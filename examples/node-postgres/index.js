// Counts visits in the PostgreSQL add-on attached as DATABASE_URL ('paas addons:create postgres').
// GET / records a visit and answers "visits: N"; GET /count only counts. A database that cannot be reached
// answers 503 with the reason (the app keeps running).
const http = require("http");
const { Pool } = require("pg");

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  connectionTimeoutMillis: 4000,
  max: 4,
});
// An idle connection that breaks (the database restarted) must not take the app down.
pool.on("error", (err) => console.error("idle connection lost:", err.message));

let ready = null;
function schema() {
  if (!ready) {
    ready = pool.query("CREATE TABLE IF NOT EXISTS visits (id SERIAL PRIMARY KEY, at TIMESTAMPTZ DEFAULT now())")
      .catch((err) => { ready = null; throw err; });
  }
  return ready;
}

async function handle(url) {
  await schema();
  if (url.pathname === "/") {
    await pool.query("INSERT INTO visits DEFAULT VALUES");
  }
  const { rows } = await pool.query("SELECT count(*)::int AS n FROM visits");
  return "visits: " + rows[0].n + "\n";
}

http.createServer((req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname !== "/" && url.pathname !== "/count") {
    res.writeHead(404).end("not found\n");
    return;
  }
  handle(url).then(
    (body) => res.writeHead(200, { "Content-Type": "text/plain" }).end(body),
    (err) => res.writeHead(503, { "Content-Type": "text/plain" }).end("database unavailable: " + err.message + "\n"));
}).listen(process.env.PORT, () => console.log("listening on " + process.env.PORT));
