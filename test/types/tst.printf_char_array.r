ab|  ab|ab  |

