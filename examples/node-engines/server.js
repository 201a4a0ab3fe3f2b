// The point is the Node.js it runs on, which engines.node in package.json chose (ms is there to have a dependency).
const http = require("http");
const ms = require("ms");

http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end(`Hello from Node.js ${process.version}: a minute is ${ms(60000)}\n`);
}).listen(process.env.PORT, () => console.log(`listening on ${process.env.PORT} with ${process.version}`));
