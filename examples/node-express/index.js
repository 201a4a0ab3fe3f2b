const express = require("express");

const MESSAGE = "Hello from Node.js";
const app = express();
app.get("/", (req, res) => res.type("text/plain").send(MESSAGE + "\n"));
app.listen(process.env.PORT, () => console.log(`listening on ${process.env.PORT}`));
