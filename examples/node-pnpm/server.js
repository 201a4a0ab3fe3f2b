// ms comes from the npm registry through pnpm, as pnpm-lock.yaml pins it.
const http = require("http");
const ms = require("ms");

http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end(`Hello from Node.js ${process.version} and pnpm: a minute is ${ms(60000)}\n`);
}).listen(process.env.PORT, () => console.log(`listening on ${process.env.PORT}`));
