// An empty module: the floor of what an import costs.
