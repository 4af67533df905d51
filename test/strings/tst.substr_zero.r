he

