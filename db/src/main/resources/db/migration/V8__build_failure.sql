-- Why a build failed, for 'paas builds': the builder's reason, or "interrupted: the controller stopped" for a build
-- a controller left behind when it stopped mid-build.
ALTER TABLE builds ADD COLUMN failure TEXT;
