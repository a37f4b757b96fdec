"""Use cases: each public function is one unit of work over the store and the domain."""
