this->s

