# `workerd serve serve.capnp`: the example Worker alone, as deployed (the services of
# config.capnp), on 127.0.0.1 at a port the kernel picks (reported with --control-fd).
using Workerd = import "/workerd/workerd.capnp";
using Tests = import "config.capnp";

const config :Workerd.Config = (
  services = [
    (name = "example", worker = Tests.example),
    (name = "homeserver", worker = Tests.homeserver),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:0", http = (), service = "example") ],
);
