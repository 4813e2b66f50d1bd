-- Reserved: this number belongs to the change that makes interactions travel, made at the same time on another
-- branch. When both are in, that file takes 0003 and this one goes.
SELECT 1;
